import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    // Client code must never reach server-only etcd code.
    files: ["app/**/*.tsx", "components/**/*.tsx", "lib/query/**/*.ts", "lib/format/**/*.ts"],
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/lib/etcd/*", "@/lib/etcd", "@/lib/http/*", "etcd3"] },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**"] },
];

export default config;
