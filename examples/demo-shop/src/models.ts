// Stand-ins for the ORM models (Sequelize-style); the demo is read by API Warden, not run.
export declare const Order: {
  findAll(q: unknown): Promise<unknown[]>;
  findByPk(id: unknown): Promise<unknown>;
};
export declare const User: {
  count(): Promise<number>;
  findByPk(id: unknown): Promise<{ update(values: unknown): Promise<unknown> } | null>;
  destroy(q: unknown): Promise<number>;
};
export declare const Coupon: { findAll(): Promise<unknown[]> };
