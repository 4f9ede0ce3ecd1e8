import config from '@virtdeck/eslint-config';

export default [
  ...config,
  {
    // The web app imports the BFF for its types only: a runtime import would pull server code into
    // the browser bundle. What both sides run (schemas, formats) lives in @virtdeck/contract.
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
