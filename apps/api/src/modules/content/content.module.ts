import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ContentExport } from './content-export';
import { LocalDiskStorage } from './media/local-disk-storage';
import { MediaController } from './media/media.controller';
import { MediaService } from './media/media.service';
import { MediaStorage } from './media/media-storage';
import { OrganizationMediaCleanup } from './media/organization-media-cleanup';
import { StoredFiles } from './media/stored-files';
import { PostsController } from './posts/posts.controller';
import { PostsService } from './posts/posts.service';
import { SitesController } from './sites/sites.controller';
import { SitesService } from './sites/sites.service';

/**
 * The reference product, a small headless CMS: sites, their posts and
 * media. Every write is counted against the plan in its own transaction.
 */
@Module({
  imports: [OrganizationsModule],
  controllers: [SitesController, PostsController, MediaController],
  providers: [
    SitesService,
    PostsService,
    MediaService,
    StoredFiles,
    ContentExport,
    OrganizationMediaCleanup,
    { provide: MediaStorage, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalDiskStorage(join(config.DATA_DIR, 'media')) },
  ],
  exports: [SitesService],
})
export class ContentModule {}
