import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Imports client code must not make: the server-only layers. */
const SERVER_ONLY = ["@/lib/etcd", "@/lib/etcd/*", "@/lib/http", "@/lib/http/*", "etcd3"];

/** ESLint flat config: Next's rules plus the layer rules of docs/architecture.md. */
const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "react/no-danger": "error",
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read loosely typed JSON bodies.
    files: ["test/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Client code must never reach server-only etcd code, and only the explorer (app/page.tsx,
    // app/_components/) uses the explorer's components: shared UI lives in components/.
    files: [
      "app/**/*.ts",
      "app/**/*.tsx",
      "components/**/*.ts",
      "components/**/*.tsx",
      "lib/query/**/*.ts",
      "lib/live/**/*.ts",
      "lib/format/**/*.ts",
      "lib/drafts.ts",
    ],
    ignores: ["app/api/**", "app/_components/**", "app/page.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...SERVER_ONLY, "@/app/_components", "@/app/_components/*"] },
      ],
    },
  },
  {
    files: ["app/_components/**/*.ts", "app/_components/**/*.tsx", "app/page.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: SERVER_ONLY }] },
  },
  {
    // The etcd layer sits below the HTTP layer: errors it throws come from lib/errors.
    files: ["lib/etcd/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/lib/http", "@/lib/http/*", "@/app/*"] }],
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**"] },
];

export default config;
