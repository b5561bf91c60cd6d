import { ApiProperty } from '@nestjs/swagger';
import { CARD_OUTCOMES } from '@plinth/billing';
import type { CardOutcome } from '@plinth/billing';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export const MAX_ADVANCE_DAYS = 400;

export class SandboxCardDto {
  @ApiProperty({ enum: CARD_OUTCOMES, description: 'How the organization’s later sandbox charges end' })
  @IsIn(CARD_OUTCOMES)
  outcome: CardOutcome;
}

export class SandboxClockDto {
  @ApiProperty({ minimum: 1, maximum: MAX_ADVANCE_DAYS, description: 'Whole days to move the organization’s billing clock forward' })
  @IsInt()
  @Min(1)
  @Max(MAX_ADVANCE_DAYS)
  advanceDays: number;
}

export class SandboxStateDto {
  @ApiProperty({ format: 'date-time', description: 'The organization’s billing clock' }) now: string;
  @ApiProperty({ enum: CARD_OUTCOMES }) cardOutcome: CardOutcome;
}

export class SandboxCheckoutCompletedDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ description: 'Where to send the customer next (the checkout’s success URL)' }) successUrl: string;
}

export class WebhookReceiptDto {
  @ApiProperty({ enum: [true] }) received: boolean;
  @ApiProperty({ description: 'The event id was received before: nothing was done again' }) duplicate: boolean;
}
