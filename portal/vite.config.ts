import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The build fails on any warning, so a warning cannot slip into a release unnoticed.
export default defineConfig({
  plugins: [react()],
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onwarn(warning) {
        throw new Error(`build warning: ${warning.message}`);
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
