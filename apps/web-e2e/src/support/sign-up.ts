import { VALID_PASSWORD } from '@plinth/testing';
import type { Page } from 'playwright-core';
import { labelled } from './labelled';

export interface NewOwner {
  email: string;
  name: string;
  organization: string;
}

/** Signs up through the form, as a person would, and waits for the new organization's dashboard. */
export async function signUp(page: Page, person: NewOwner): Promise<void> {
  await page.goto('/signup');
  await labelled(page, 'Email').fill(person.email);
  await labelled(page, 'Password').fill(VALID_PASSWORD);
  await labelled(page, 'Your name').fill(person.name);
  await labelled(page, 'Organization name').fill(person.organization);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(/\/o\/[a-z0-9-]+$/);
  await page.getByRole('heading', { level: 1, name: person.organization }).waitFor();
}
