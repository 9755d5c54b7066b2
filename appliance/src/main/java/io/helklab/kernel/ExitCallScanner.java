package io.helklab.kernel;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds references to the methods that end the JVM ({@code System.exit}, {@code Runtime.exit},
 * {@code Runtime.halt}) in a class file's constant pool, and to the reflective ways of calling any
 * method by name ({@code Method.invoke}, method handles looked up at run time, {@code java.beans}
 * statements), which would reach the same methods without naming them.
 *
 * <p>Every call site, method reference ({@code System::exit}) and method handle constant names its
 * target through a {@code CONSTANT_Methodref} entry, so reading the constant pool is enough; the
 * code itself need not be parsed. Without a SecurityManager (gone on JDK 24+) this is how a notebook
 * cell is kept from stopping the appliance by accident or by a one-line trick. It is not a sandbox:
 * a cell runs with the appliance's rights (files, sockets, processes), which is why notebooks are for
 * trusted users. Library code that exits on a cell's behalf is not covered: the appliance exposes a
 * façade, not raw services.
 *
 * <p>Stateless and thread-safe.
 */
final class ExitCallScanner {

    private static final Set<String> FORBIDDEN = Set.of(
            "java/lang/System.exit",
            "java/lang/Runtime.exit",
            "java/lang/Runtime.halt",
            "java/lang/reflect/Method.invoke",
            "java/lang/invoke/MethodHandle.invoke",
            "java/lang/invoke/MethodHandle.invokeExact",
            "java/lang/invoke/MethodHandle.invokeWithArguments",
            "java/lang/invoke/MethodHandles$Lookup.findStatic",
            "java/lang/invoke/MethodHandles$Lookup.findVirtual",
            "java/lang/invoke/MethodHandles$Lookup.unreflect",
            "java/beans/Statement.execute",
            "java/beans/Expression.getValue",
            "java/beans/Expression.execute");

    private static final int TAG_UTF8 = 1;
    private static final int TAG_INTEGER = 3;
    private static final int TAG_FLOAT = 4;
    private static final int TAG_LONG = 5;
    private static final int TAG_DOUBLE = 6;
    private static final int TAG_CLASS = 7;
    private static final int TAG_STRING = 8;
    private static final int TAG_FIELD_REFERENCE = 9;
    private static final int TAG_METHOD_REFERENCE = 10;
    private static final int TAG_INTERFACE_METHOD_REFERENCE = 11;
    private static final int TAG_NAME_AND_TYPE = 12;
    private static final int TAG_METHOD_HANDLE = 15;
    private static final int TAG_METHOD_TYPE = 16;
    private static final int TAG_DYNAMIC = 17;
    private static final int TAG_INVOKE_DYNAMIC = 18;
    private static final int TAG_MODULE = 19;
    private static final int TAG_PACKAGE = 20;

    private ExitCallScanner() {
    }

    /**
     * Returns the forbidden methods the class refers to, as {@code java.lang.System.exit}, in
     * constant pool order; empty when there are none.
     *
     * @throws IllegalArgumentException when the bytes are not a readable class file
     */
    static List<String> forbiddenCalls(byte[] classFile) {
        try (DataInputStream input = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (input.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file (bad magic number)");
            }
            input.readUnsignedShort();
            input.readUnsignedShort();
            int count = input.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            int[] nameAndTypeNameIndex = new int[count];
            List<int[]> methodReferences = new ArrayList<>();
            for (int index = 1; index < count; index++) {
                int tag = input.readUnsignedByte();
                switch (tag) {
                    case TAG_UTF8 -> utf8[index] = input.readUTF();
                    case TAG_CLASS -> classNameIndex[index] = input.readUnsignedShort();
                    case TAG_NAME_AND_TYPE -> {
                        nameAndTypeNameIndex[index] = input.readUnsignedShort();
                        input.readUnsignedShort();
                    }
                    case TAG_METHOD_REFERENCE -> methodReferences.add(
                            new int[] {input.readUnsignedShort(), input.readUnsignedShort()});
                    case TAG_STRING, TAG_METHOD_TYPE, TAG_MODULE, TAG_PACKAGE -> input.readUnsignedShort();
                    case TAG_METHOD_HANDLE -> {
                        input.readUnsignedByte();
                        input.readUnsignedShort();
                    }
                    case TAG_INTEGER, TAG_FLOAT, TAG_FIELD_REFERENCE, TAG_INTERFACE_METHOD_REFERENCE,
                            TAG_DYNAMIC, TAG_INVOKE_DYNAMIC -> input.readInt();
                    case TAG_LONG, TAG_DOUBLE -> {
                        input.readLong();
                        index++; // eight-byte constants take two pool slots
                    }
                    default -> throw new IllegalArgumentException(
                            "unknown constant pool tag " + tag + " at entry " + index);
                }
            }
            List<String> found = new ArrayList<>();
            for (int[] reference : methodReferences) {
                String owner = utf8[classNameIndex[reference[0]]];
                String name = utf8[nameAndTypeNameIndex[reference[1]]];
                String target = owner + "." + name;
                if (FORBIDDEN.contains(target)) {
                    found.add(target.replace('/', '.'));
                }
            }
            return found;
        } catch (IOException | ArrayIndexOutOfBoundsException | NullPointerException truncated) {
            throw new IllegalArgumentException("unreadable class file: " + truncated, truncated);
        }
    }
}
