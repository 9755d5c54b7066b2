package io.helklab.door.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.door.jupyter.NotebookSeeder.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookSeederTest {
    @TempDir
    Path notebooks;

    private static Map<String, byte[]> bundle(String version) {
        return Map.of("hunt.ipynb", ("{\"version\": \"" + version + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private String read(String name) throws Exception {
        return Files.readString(notebooks.resolve(name));
    }

    @Test
    void copiesBundledNotebooksIntoAnEmptyDirectory() throws Exception {
        assertThat(new NotebookSeeder(notebooks, bundle("1")).seed()).containsEntry("hunt.ipynb", Outcome.CREATED);
        assertThat(read("hunt.ipynb")).contains("\"1\"");
        assertThat(new NotebookSeeder(notebooks, bundle("1")).seed()).containsEntry("hunt.ipynb", Outcome.UNCHANGED);
    }

    @Test
    void updatesACopyTheUserNeverTouched() throws Exception {
        new NotebookSeeder(notebooks, bundle("1")).seed();

        assertThat(new NotebookSeeder(notebooks, bundle("2")).seed()).containsEntry("hunt.ipynb", Outcome.UPDATED);
        assertThat(read("hunt.ipynb")).contains("\"2\"");
    }

    @Test
    void neverOverwritesAnEditedCopyNotEvenOnLaterBoots() throws Exception {
        new NotebookSeeder(notebooks, bundle("1")).seed();
        Files.writeString(notebooks.resolve("hunt.ipynb"), "{\"mine\": true}");

        assertThat(new NotebookSeeder(notebooks, bundle("2")).seed()).containsEntry("hunt.ipynb", Outcome.KEPT_USER_COPY);
        assertThat(new NotebookSeeder(notebooks, bundle("3")).seed()).containsEntry("hunt.ipynb", Outcome.KEPT_USER_COPY);
        assertThat(read("hunt.ipynb")).isEqualTo("{\"mine\": true}");
    }

    @Test
    void aUsersOwnFileOfTheSameNameIsKeptWhenThereIsNoManifest() throws Exception {
        Files.writeString(notebooks.resolve("hunt.ipynb"), "{\"mine\": true}");

        assertThat(new NotebookSeeder(notebooks, bundle("1")).seed()).containsEntry("hunt.ipynb", Outcome.KEPT_USER_COPY);
        assertThat(read("hunt.ipynb")).isEqualTo("{\"mine\": true}");
    }

    @Test
    void anUnreadableManifestLosesNothing() throws Exception {
        new NotebookSeeder(notebooks, bundle("1")).seed();
        Files.writeString(notebooks.resolve("hunt.ipynb"), "{\"mine\": true}");
        Files.writeString(notebooks.resolve(NotebookSeeder.MANIFEST), "not json");

        assertThat(new NotebookSeeder(notebooks, bundle("2")).seed()).containsEntry("hunt.ipynb", Outcome.KEPT_USER_COPY);
        assertThat(read("hunt.ipynb")).isEqualTo("{\"mine\": true}");
    }

    @Test
    void aDeletedCopyComesBackFresh() throws Exception {
        new NotebookSeeder(notebooks, bundle("1")).seed();
        Files.delete(notebooks.resolve("hunt.ipynb"));

        assertThat(new NotebookSeeder(notebooks, bundle("1")).seed()).containsEntry("hunt.ipynb", Outcome.CREATED);
    }

    @Test
    void noBundledNotebooksIsFineAndWritesNothing() throws Exception {
        assertThat(new NotebookSeeder(notebooks, Map.of()).seed()).isEmpty();
        try (var files = Files.list(notebooks)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void readsBundledNotebooksFromAClasspathDirectory() throws Exception {
        // The test classpath has src/test/resources/notebooks/elasticsearch-query.ipynb.
        Map<String, byte[]> found = NotebookSeeder.BundledNotebooks.read(getClass().getClassLoader(), "notebooks");

        assertThat(found).containsKey("elasticsearch-query.ipynb");
        assertThat(NotebookSeeder.BundledNotebooks.read(getClass().getClassLoader(), "no/such/directory")).isEmpty();
    }
}
