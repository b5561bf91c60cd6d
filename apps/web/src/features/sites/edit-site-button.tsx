import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCan } from '../shell/use-can';
import { EditSiteForm } from './edit-site-form';
import type { Site } from './sites-queries';

/** Rename a site or change its domain: organization settings, so `settings:manage`. */
export function EditSiteButton({ site }: { site: Site }) {
  const canManage = useCan('settings:manage');
  const [opened, { open, close }] = useDisclosure(false);
  if (!canManage) return null;
  return (
    <>
      <Button size="xs" variant="default" onClick={open} aria-label={`Edit ${site.name}`}>
        Edit
      </Button>
      <Modal opened={opened} onClose={close} title={`Edit “${site.name}”`} centered>
        <EditSiteForm site={site} onDone={close} />
      </Modal>
    </>
  );
}
