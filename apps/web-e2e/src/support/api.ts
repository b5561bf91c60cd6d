import { type ApiClient, createApiClient, unwrap } from '@plinth/api-client';

/**
 * The product's API as a script would call it, signed in as `email`: for
 * arranging data in bulk that a person would take minutes to click together.
 */
export async function signedInApi(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const anonymous = createApiClient({ baseUrl });
  const { accessToken } = await unwrap(anonymous.POST('/api/v1/auth/login', { body: { email, password } }));
  return createApiClient({ baseUrl, accessToken: () => accessToken });
}
