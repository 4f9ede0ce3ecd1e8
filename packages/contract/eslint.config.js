import config from '@virtdeck/eslint-config';
export default config;
