import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*"], message: "lib/ is the engine and must not import Next.js." },
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "lib/ must not import the web layer (app/, components/).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx", "proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["@/lib/db", "@/lib/db/*"], message: "The web layer calls the engine's facade (lib/engine/facade.ts), never lib/db." }],
        },
      ],
    },
  },
  globalIgnores([".next/**", ".next-*/**", "bench/out/**", "node_modules/**", "prisma/generated/**", "prisma/generated-pg/**", "next-env.d.ts", ".data/**", ".tmp-*"]),
]);
