package io.helklab.kernel;

/**
 * A cell magic: a cell whose first line is {@code %%name arguments} is handed, with the rest of the
 * cell as its body, to the magic registered under that name instead of to Java.
 *
 * <p>Runs on the kernel's execution thread inside the cell's Spark job group, so Spark jobs it
 * starts are cancelled when the user interrupts the kernel, and the thread is interrupted.
 * What it prints to {@code System.out}/{@code System.err} on that thread goes to the cell.
 * An exception becomes the cell's error (class and message), and the kernel stays usable.
 * Implementations must be thread-safe: several notebooks may run the same magic at once.
 */
public interface CellMagic {

    /** The name after {@code %%}: letters, digits, '-' and '_'. */
    String name();

    /** One line for the list of magics shown when a user types an unknown one. */
    String description();

    /**
     * Runs the cell.
     *
     * @param arguments the rest of the {@code %%name} line, trimmed (may be empty)
     * @param body the cell without its first line
     * @return what to show as the cell's result, or null for nothing
     */
    Displayable execute(String arguments, String body) throws Exception;
}
