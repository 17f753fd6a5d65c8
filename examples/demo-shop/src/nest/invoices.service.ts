import { Injectable } from '@nestjs/common';

interface Invoice { id: string; userId: string; note?: string; total: number }

@Injectable()
export class InvoicesService {
  private readonly rows: Invoice[] = [];

  forUser(userId: string): Invoice[] {
    return this.rows.filter((r) => r.userId === userId);
  }

  create(userId: string, note: string, total: number): Invoice {
    const row = { id: String(this.rows.length + 1), userId, note, total };
    this.rows.push(row);
    return row;
  }

  findById(id: string): Invoice | undefined {
    return this.rows.find((r) => r.id === id);
  }
}
