import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // zod through lib/validation/zod.ts, which keeps its eval probe out of the browser (CSP).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/validation/zod.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "zod", message: "Import { z } from \"@/lib/validation/zod\" (browser-safe under the CSP).", allowTypeImports: true }] },
      ],
    },
  },
];

export default config;
