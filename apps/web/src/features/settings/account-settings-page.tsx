import { useDocumentTitle } from '@mantine/hooks';
import { DeleteAccountSection } from './delete-account-section';
import { EmailChangeForm } from './email-change-form';
import { PasswordChangeForm } from './password-change-form';
import { ProfileForm } from './profile-form';
import { SessionsSection } from './sessions-section';
import { SettingsFrame } from './settings-frame';

/** The signed-in person's own settings: the same in every organization. */
export function AccountSettingsPage() {
  useDocumentTitle('Account settings · Plinth');
  return (
    <SettingsFrame current="account" description="Your own account: the same in every organization you belong to.">
      <ProfileForm />
      <EmailChangeForm />
      <PasswordChangeForm />
      <SessionsSection />
      <DeleteAccountSection />
    </SettingsFrame>
  );
}
