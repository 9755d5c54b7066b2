package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KernelBindingsTest {

    interface Facade {
        String name();
    }

    private static final class HiddenFacade implements Facade {
        @Override
        public String name() {
            return "hidden";
        }
    }

    private static final class HiddenTask implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void publicClassesAreTheirOwnType() {
        assertThat(KernelBindings.declaredType(new ArrayList<>())).isEqualTo(ArrayList.class);
        assertThat(KernelBindings.declaredType("text")).isEqualTo(String.class);
    }

    @Test
    void hiddenImplementationsAreSeenThroughTheirRichestPublicInterface() {
        assertThat(KernelBindings.declaredType(List.of(1, 2, 3))).isEqualTo(List.class);
        assertThat(KernelBindings.declaredType(Map.of("a", 1))).isIn(Map.class, java.util.AbstractMap.class);
        assertThat(KernelBindings.declaredType(new HiddenTask())).isEqualTo(Runnable.class);
    }

    @Test
    void typesNestedInNonPublicClassesAreNotNameable() {
        assertThat(KernelBindings.declaredType(new HiddenFacade())).isEqualTo(Object.class);
    }

    @Test
    void badNamesAreRejectedWithTheName() {
        assertThatThrownBy(() -> KernelBindings.validateNames(Map.of("not a name", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not a name'");
        assertThatThrownBy(() -> KernelBindings.validateNames(Map.of("class", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'class'");
    }
}
