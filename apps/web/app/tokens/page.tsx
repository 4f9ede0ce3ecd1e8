import { ApiTokensPage } from '~/components/tokens/api-tokens-page';

export default function Page() {
  return <ApiTokensPage />;
}
