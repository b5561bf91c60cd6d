import { Loader, Stack } from '@mantine/core';
import { allItems } from '../../api/paged';
import { LoadMoreButton } from '../../ui/load-more-button';
import { QueryFailure } from '../../ui/query-failure';
import { SectionCard } from '../../ui/section-card';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import type { Site } from '../sites/sites-queries';
import { useMedia } from './media-queries';
import { MediaTable } from './media-table';
import { UploadMediaForm } from './upload-media-form';

export function MediaSection({ site }: { site: Site }) {
  const { membership } = useShellContext();
  const canUpload = useCan('media:upload');
  const media = useMedia(membership.organizationId, site.id);
  return (
    <SectionCard title="Media" description="Images, documents and videos for the site's posts. They count against your storage.">
      {canUpload && <UploadMediaForm siteId={site.id} />}
      {media.isPending && <Loader size="sm" aria-label="Loading media" />}
      {media.isError && <QueryFailure title="Media could not be loaded" query={media} />}
      {media.isSuccess && (
        <Stack>
          <MediaTable media={allItems(media.data.pages)} />
          <LoadMoreButton query={media} />
        </Stack>
      )}
    </SectionCard>
  );
}
