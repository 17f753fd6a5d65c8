import { Injectable } from '@nestjs/common';

interface Invoice { id: string; userId: string; total: number }

@Injectable()
export class InvoicesService {
  private readonly rows: Invoice[] = [];

  forUser(userId: string): Invoice[] {
    return this.rows.filter((r) => r.userId === userId);
  }

  findById(id: string): Invoice | undefined {
    return this.rows.find((r) => r.id === id);
  }
}
