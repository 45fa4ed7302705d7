import { defineConfig } from "vitest/config";

// The bundle is served by the web project from wwwroot/app (gitignored, rebuilt by MSBuild).
export default defineConfig({
  base: "/app/",
  build: {
    outDir: "../wwwroot/app",
    emptyOutDir: true,
    // No inline scripts or styles: the Content-Security-Policy is script-src 'self'; style-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": "http://localhost:5000",
      "/hubs": { target: "http://localhost:5000", ws: true },
    },
  },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
  },
});
