import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeyUsage } from './api-key-usage';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyAuthenticator, ApiKeyUsage, ApiKeyStrategy],
  exports: [ApiKeyUsage, ApiKeyAuthenticator, ApiKeysService],
})
export class ApiKeysModule {}
