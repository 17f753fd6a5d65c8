import { IsInt, IsString, MaxLength, Min } from 'class-validator';

export class CreateInvoiceDto {
  // Correct: the same bound as the spec's maxLength: 200.
  @IsString()
  @MaxLength(200)
  note: string;

  // Flaw (drift): the spec documents maximum: 10000, nothing here bounds the amount.
  @IsInt()
  @Min(1)
  amount: number;
}
