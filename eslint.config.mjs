// The one lint config of the workspace: each package's `eslint .` finds it here, above its folder.
// Rules live in tooling/eslint (typescript-eslint's recommended set, `any` only with a reason).
import shared from './tooling/eslint/index.js';

export default [
  ...shared,
  {
    // The web app imports the BFF for its types only: a runtime import would pull server code into
    // the browser bundle. What both sides run (schemas, formats) lives in @virtdeck/contract.
    files: ['apps/web/**/*.{ts,tsx,mjs}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@virtdeck/bff', '@virtdeck/bff/*'],
              allowTypeImports: true,
              message: 'import the BFF for types only (import type); shared runtime code lives in @virtdeck/contract',
            },
          ],
        },
      ],
    },
  },
];
