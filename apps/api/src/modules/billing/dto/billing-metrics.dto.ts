import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';
import { SaneDate } from '../../../common/request-params';

export class BillingMetricsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 30 days before `to`' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @SaneDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @SaneDate()
  to?: Date;
}

class TrialConversionDto {
  @ApiProperty({ description: 'Trials that ended in the period' }) ended: number;
  @ApiProperty({ description: '… of which became paying subscriptions' }) converted: number;
  @ApiProperty({ type: Number, nullable: true, description: '0–1; null when no trial ended' }) rate: number | null;
}

class ChurnDto {
  @ApiProperty({ description: 'Paying subscriptions when the period began' }) payingAtStart: number;
  @ApiProperty({ description: 'Paying subscriptions canceled in the period' }) canceled: number;
  @ApiProperty({ type: Number, nullable: true, description: '0–1' }) rate: number | null;
}

class PaymentsDto {
  @ApiProperty() succeeded: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: Number, nullable: true, description: '0–1' }) successRate: number | null;
}

export class BillingMetricsDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ description: 'Monthly recurring revenue now, in cents (annual plans count a twelfth; trials nothing)' }) mrrCents: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { active: 12, trialing: 3, past_due: 1 } })
  subscriptionsByStatus: Record<string, number>;
  @ApiProperty({ type: TrialConversionDto }) trialConversion: TrialConversionDto;
  @ApiProperty({ type: ChurnDto }) churn: ChurnDto;
  @ApiProperty({ type: PaymentsDto }) payments: PaymentsDto;
}

class RepairDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() subscriptionId: string;
  @ApiProperty({ type: [String], description: 'The fields that differed and were corrected' }) changed: string[];
}

export class ReconciliationDto {
  @ApiProperty() checked: number;
  @ApiProperty({ type: [RepairDto] }) repaired: RepairDto[];
}
