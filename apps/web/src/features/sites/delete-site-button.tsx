import { ConfirmAction } from '../../ui/confirm-action';
import { notifySuccess } from '../../ui/notify';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { useDeleteSite, type Site } from './sites-queries';

export function DeleteSiteButton({ site }: { site: Site }) {
  const { membership } = useShellContext();
  const canDelete = useCan('sites:delete');
  const deleteSite = useDeleteSite(membership.organizationId);
  if (!canDelete) return null;

  const remove = async () => {
    await deleteSite.mutateAsync(site.id);
    notifySuccess('Site deleted', `“${site.name}” and everything in it are gone.`);
  };

  return (
    <ConfirmAction
      label="Delete"
      ariaLabel={`Delete ${site.name}`}
      size="xs"
      title="Delete this site?"
      confirmLabel="Delete site"
      onConfirm={remove}
    >
      “{site.name}” is deleted with all its posts and media files. This cannot be undone.
    </ConfirmAction>
  );
}
