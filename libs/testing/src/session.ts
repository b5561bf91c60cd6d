import type TestAgent from 'supertest/lib/agent';
import { signupBody } from './factories';

export interface Session {
  userId: string;
  email: string;
  organizationId: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

/** Signs a new user up through the API and returns their session. */
export async function signUp(http: TestAgent, overrides: Parameters<typeof signupBody>[0] = {}): Promise<Session> {
  const body = signupBody(overrides);
  const response = await http.post('/api/v1/auth/signup').send(body).expect(201);
  const { user, organization, accessToken, refreshToken } = response.body.data;
  return {
    userId: user.id,
    email: user.email,
    organizationId: organization.id,
    accessToken,
    refreshToken,
    auth: bearer({ accessToken }),
  };
}

export function bearer(session: { accessToken: string }): { Authorization: string } {
  return { Authorization: `Bearer ${session.accessToken}` };
}
