import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built by Maven (exec-maven-plugin, generate-resources) straight into the class path, where
// io.helklab.door.hunt.UiResources serves it. Relative asset URLs let the lead mount the UI at any prefix.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: [
      // @elastic/charts imports moment-timezone; its full build carries 730 kB of zone history. Events from
      // 1970 to 2030 are what a lab hunts, and that build is a fifth of the size.
      { find: /^moment-timezone$/, replacement: 'moment-timezone/builds/moment-timezone-with-data-1970-2030.js' },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/io/helklab/door/ui', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
});
