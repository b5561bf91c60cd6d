import { Global, Module } from '@nestjs/common';
import { TenantStreams } from './tenant-stream';

/** What every feature module may use from `common/` that needs the container. */
@Global()
@Module({ providers: [TenantStreams], exports: [TenantStreams] })
export class CommonModule {}
