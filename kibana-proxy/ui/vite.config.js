import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built by Maven (exec-maven-plugin, generate-resources) straight into the class path, where
// io.helklab.door.hunt.UiResources serves it. Relative asset URLs let the lead mount the UI at any prefix.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/io/helklab/door/ui', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
  },
});
