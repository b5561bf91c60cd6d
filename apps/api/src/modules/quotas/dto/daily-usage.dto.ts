import { ApiProperty } from '@nestjs/swagger';

export class DailyApiCallsDto {
  @ApiProperty({ example: '2026-12-02', description: 'A UTC day' }) date: string;
  @ApiProperty() apiCalls: number;
}

export class DailyUsageDto {
  @ApiProperty({ format: 'date-time' }) periodStart: string;
  @ApiProperty({ format: 'date-time' }) periodEnd: string;
  @ApiProperty({ type: [DailyApiCallsDto], description: 'Every day of the period up to today, zeros included' })
  days: DailyApiCallsDto[];
}
