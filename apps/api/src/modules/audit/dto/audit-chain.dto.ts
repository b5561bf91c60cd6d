import { ApiProperty } from '@nestjs/swagger';

export class AuditChainVerificationDto {
  @ApiProperty({ description: 'Every entry matches its hash and links to the one before; the last one is still the chain’s head' })
  valid: boolean;

  @ApiProperty({ description: 'Entries walked' }) checked: number;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The first entry whose content, link or place no longer matches (null when none does, or only the tail is missing)',
  })
  firstBrokenId: string | null;
}
