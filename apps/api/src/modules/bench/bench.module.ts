import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module';
import { BenchController } from './bench.controller';

@Module({ imports: [ContentModule], controllers: [BenchController] })
export class BenchModule {}
