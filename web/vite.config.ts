import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

// The console is served by `lingting serve` at `/`; during `npm run dev` the
// API is proxied to a local server (LINGTING_URL, default 127.0.0.1:8080).
export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and their styles are imported where a template uses them.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: process.env.LINGTING_CONSOLE_OUT ?? 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.LINGTING_URL ?? 'http://127.0.0.1:8080' },
  },
});
