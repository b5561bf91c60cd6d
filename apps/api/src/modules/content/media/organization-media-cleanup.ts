import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ORGANIZATION_DELETED, OrganizationDeleted } from '../../organizations/organization-events';
import { MediaStorage } from './media-storage';

/** A deleted organization's rows cascade in the database; its files go here, after the commit. */
@Injectable()
export class OrganizationMediaCleanup {
  private readonly logger = new Logger(OrganizationMediaCleanup.name);

  constructor(private readonly storage: MediaStorage) {}

  @OnEvent(ORGANIZATION_DELETED, { async: true, promisify: true })
  async removeFiles(event: OrganizationDeleted): Promise<void> {
    await this.storage
      .deletePrefix(event.organizationId)
      .catch((error) => this.logger.error({ err: error, organizationId: event.organizationId }, 'Media not removed'));
  }
}
