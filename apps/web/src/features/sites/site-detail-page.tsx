import { Anchor, Container, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ApiError } from '@plinth/api-client';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { PageLoader } from '../../ui/page-loader';
import { QueryFailure } from '../../ui/query-failure';
import { MediaSection } from '../media/media-section';
import { PostsSection } from '../posts/posts-section';
import { useShellContext } from '../shell/shell-context';
import { useCan } from '../shell/use-can';
import { SiteNotFound } from './site-not-found';
import { sitesPath } from './site-paths';
import { SitePostUsage } from './site-post-usage';
import { useSite, type Site } from './sites-queries';

export function SiteDetailPage() {
  const { siteId = '' } = useParams();
  const { membership } = useShellContext();
  const site = useSite(membership.organizationId, siteId);
  if (site.isPending) return <PageLoader label="Loading the site" />;
  if (isUnknownSite(site.error)) return <SiteNotFound />;
  if (site.isError) {
    return (
      <Container size="lg">
        <QueryFailure title="The site could not be loaded" query={site} />
      </Container>
    );
  }
  return <SiteDetail site={site.data} />;
}

function SiteDetail({ site }: { site: Site }) {
  const { membership } = useShellContext();
  const canReadPosts = useCan('posts:read');
  const canReadQuotas = useCan('quotas:read');
  useDocumentTitle(`${site.name} · ${membership.name} · Plinth`);
  return (
    <Container size="lg">
      <Stack gap="lg">
        <Anchor component={Link} to={sitesPath(membership.slug)} size="sm">
          ← All sites
        </Anchor>
        <PageHeader title={site.name} description={site.domain ?? 'No custom domain'} />
        {canReadQuotas && <SitePostUsage siteId={site.id} />}
        {canReadPosts && <PostsSection site={site} />}
        {canReadPosts && <MediaSection site={site} />}
      </Stack>
    </Container>
  );
}

/** A 404, or a 400 for an id that is not even a UUID: either way the URL names no site here. */
function isUnknownSite(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}
