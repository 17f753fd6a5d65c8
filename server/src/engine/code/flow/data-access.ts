/**
 * Recognises data-access calls by shape: Sequelize, Mongoose, TypeORM, Prisma, Knex and raw SQL
 * drivers. For each call: what it does (read/update/delete/create), which arguments select rows
 * (the filter) and which carry the data written. Ambiguous method names (`update`, `delete`,
 * `save`) count only on receivers that look like a model or repository, so `map.delete(id)` is not
 * a database write.
 */
import ts from 'typescript';
import { dottedName, memberName, unwrap } from '../ast';
import { optionNode } from '../middleware/libraries';

export type DataOp = 'read' | 'update' | 'delete' | 'create' | 'query';

export interface DataAccess {
  call: ts.CallExpression | ts.NewExpression;
  op: DataOp;
  method: string;
  /** `Order`, `prisma.order`, `this.orderRepository`. */
  target: string;
  /** Expressions that select what is read/changed (ids, where clauses, SQL + parameters). */
  filter: ts.Expression[];
  /** The data written (create/update). */
  data?: ts.Expression;
  /** The call selects by primary key alone (`findByPk(id)`, `findById(id)`). */
  byKey?: boolean;
}

const SPECIFIC: Record<string, { op: DataOp; filter: 'arg0' | 'arg0where' | 'arg1' | 'none'; data?: 'arg0' | 'arg1' | 'arg0data'; byKey?: boolean }> = {
  // Sequelize
  findByPk: { op: 'read', filter: 'arg0', byKey: true },
  findAll: { op: 'read', filter: 'arg0where' },
  findAndCountAll: { op: 'read', filter: 'arg0where' },
  findOrCreate: { op: 'read', filter: 'arg0where' },
  bulkCreate: { op: 'create', filter: 'none', data: 'arg0' },
  // Mongoose
  findById: { op: 'read', filter: 'arg0', byKey: true },
  findByIdAndUpdate: { op: 'update', filter: 'arg0', data: 'arg1', byKey: true },
  findByIdAndDelete: { op: 'delete', filter: 'arg0', byKey: true },
  findByIdAndRemove: { op: 'delete', filter: 'arg0', byKey: true },
  findOneAndUpdate: { op: 'update', filter: 'arg0', data: 'arg1' },
  findOneAndReplace: { op: 'update', filter: 'arg0', data: 'arg1' },
  findOneAndDelete: { op: 'delete', filter: 'arg0' },
  findOneAndRemove: { op: 'delete', filter: 'arg0' },
  updateOne: { op: 'update', filter: 'arg0', data: 'arg1' },
  updateMany: { op: 'update', filter: 'arg0', data: 'arg1' },
  replaceOne: { op: 'update', filter: 'arg0', data: 'arg1' },
  deleteOne: { op: 'delete', filter: 'arg0' },
  deleteMany: { op: 'delete', filter: 'arg0' },
  insertMany: { op: 'create', filter: 'none', data: 'arg0' },
  insertOne: { op: 'create', filter: 'none', data: 'arg0' },
  countDocuments: { op: 'read', filter: 'arg0' },
  // TypeORM
  findOneBy: { op: 'read', filter: 'arg0' },
  findOneByOrFail: { op: 'read', filter: 'arg0' },
  findOneOrFail: { op: 'read', filter: 'arg0where' },
  findBy: { op: 'read', filter: 'arg0' },
  preload: { op: 'update', filter: 'arg0', data: 'arg0' },
  merge: { op: 'update', filter: 'none', data: 'arg1' },
  // Prisma
  findUnique: { op: 'read', filter: 'arg0where' },
  findUniqueOrThrow: { op: 'read', filter: 'arg0where' },
  findFirst: { op: 'read', filter: 'arg0where' },
  findFirstOrThrow: { op: 'read', filter: 'arg0where' },
  upsert: { op: 'update', filter: 'arg0where', data: 'arg0data' },
};

/** Method names shared with ordinary objects: need a model-looking receiver. */
const AMBIGUOUS: Record<string, { op: DataOp; filter: 'arg0' | 'arg0where' | 'arg1' | 'none'; data?: 'arg0' | 'arg1' | 'arg0data' }> = {
  findOne: { op: 'read', filter: 'arg0where' },
  find: { op: 'read', filter: 'arg0where' },
  findMany: { op: 'read', filter: 'arg0where' },
  update: { op: 'update', filter: 'arg1', data: 'arg0' },
  destroy: { op: 'delete', filter: 'arg0where' },
  delete: { op: 'delete', filter: 'arg0where' },
  remove: { op: 'delete', filter: 'arg0' },
  create: { op: 'create', filter: 'none', data: 'arg0' },
  insert: { op: 'create', filter: 'none', data: 'arg0' },
  save: { op: 'create', filter: 'none', data: 'arg0' },
  count: { op: 'read', filter: 'arg0where' },
};

const SQL_METHODS = new Set(['query', 'execute', 'raw', 'whereRaw', 'orWhereRaw', 'havingRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'all', 'get', 'run', 'exec', 'prepare', 'unsafe']);
const MODELISH = /^(?:[A-Z][A-Za-z0-9]*|.*(?:repo|repository|model|models|prisma|db|knex|collection|dao|store|table|manager|entityManager|em|orm|sequelize|client|pool|connection|conn|tx|trx|database|mongo)s?)$/i;
const MODEL_SEGMENT = /repo|repository|model|prisma|knex|collection|dao|manager|orm|sequelize/i;

function receiverLooksLikeModel(receiver: ts.Expression): string | undefined {
  const parts = dottedName(receiver);
  if (parts) {
    const last = parts[parts.length - 1];
    if (/^[A-Z]/.test(last) && !/^(Object|Array|Map|Set|JSON|Math|Promise|Reflect|Date|String|Number|URL|Buffer|WeakMap)$/.test(last)) return parts.join('.');
    if (parts.some((p) => MODEL_SEGMENT.test(p)) || (parts.length >= 2 && /^(prisma|db)$/i.test(parts[0]))) return parts.join('.');
    if (MODELISH.test(last) && /repo|repository|model|collection|dao|manager/i.test(last)) return parts.join('.');
    return undefined;
  }
  const u = unwrap(receiver);
  // getRepository(Order).findOne(…), knex('orders').where(…), db.collection('orders').find(…)
  if (ts.isCallExpression(u)) {
    const name = dottedName(u.expression)?.join('.') ?? '';
    if (/getRepository|getCustomRepository|collection|model|knex|db|from|table|createQueryBuilder/i.test(name)) return u.getText().slice(0, 40);
  }
  return undefined;
}

export function isSqlMethod(method: string): boolean {
  return SQL_METHODS.has(method);
}

export function dataAccessOf(node: ts.CallExpression | ts.NewExpression): DataAccess | undefined {
  if (ts.isNewExpression(node)) {
    // `new Order(req.body)`: a Mongoose document / ORM entity built from data
    const name = dottedName(node.expression)?.pop();
    const arg = node.arguments?.[0];
    if (!name || !/^[A-Z]/.test(name) || !arg || /^(Error|URL|Date|Map|Set|Promise|RegExp|Array|Object|Buffer|\w*Error|\w*Exception)$/.test(name)) return undefined;
    if (!ts.isIdentifier(unwrap(arg)) && !ts.isObjectLiteralExpression(unwrap(arg)) && !ts.isPropertyAccessExpression(unwrap(arg))) return undefined;
    return { call: node, op: 'create', method: 'new', target: name, filter: [], data: arg };
  }
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return undefined;
  const method = memberName(callee);
  if (!method) return undefined;
  const receiver = callee.expression;
  const args = node.arguments;
  const spec = SPECIFIC[method] ?? (receiverLooksLikeModel(receiver) ? AMBIGUOUS[method] : undefined);
  if (spec) {
    const target = receiverLooksLikeModel(receiver) ?? receiver.getText().slice(0, 40);
    const filter: ts.Expression[] = [];
    const a0 = args[0];
    if (spec.filter === 'arg0' && a0) filter.push(a0);
    if (spec.filter === 'arg1' && args[1]) filter.push(args[1]);
    if (spec.filter === 'arg0where' && a0) {
      const o = unwrap(a0);
      const where = ts.isObjectLiteralExpression(o) ? optionNode(o, 'where') : undefined;
      filter.push(where ?? a0);
    }
    let data: ts.Expression | undefined;
    if (spec.data === 'arg0') data = a0;
    else if (spec.data === 'arg1') data = args[1];
    else if (spec.data === 'arg0data' && a0 && ts.isObjectLiteralExpression(unwrap(a0))) data = optionNode(unwrap(a0) as ts.ObjectLiteralExpression, 'data') ?? optionNode(unwrap(a0) as ts.ObjectLiteralExpression, 'update');
    // Prisma `update({ where, data })` / `create({ data })`
    if ((method === 'update' || method === 'create' || method === 'updateMany' || method === 'upsert') && a0 && ts.isObjectLiteralExpression(unwrap(a0))) {
      const o = unwrap(a0) as ts.ObjectLiteralExpression;
      const d = optionNode(o, 'data');
      if (d) {
        data = d;
        const w = optionNode(o, 'where');
        filter.length = 0;
        if (w) filter.push(w);
      }
    }
    // Sequelize `update(values, { where })`
    if (method === 'update' && args[1] && ts.isObjectLiteralExpression(unwrap(args[1]))) {
      const w = optionNode(unwrap(args[1]) as ts.ObjectLiteralExpression, 'where');
      if (w) { filter.length = 0; filter.push(w); }
    }
    // TypeORM `update(criteria, data)` / `delete(criteria)` with a repository receiver
    if (method === 'update' && /repo|repository|manager/i.test(target) && args[1]) {
      filter.length = 0;
      filter.push(args[0]);
      data = args[1];
    }
    return { call: node, op: spec.op, method, target, filter, ...(data ? { data } : {}), ...('byKey' in spec && spec.byKey ? { byKey: true } : {}) };
  }
  // Knex builders: `.where(…)` on a query builder
  if ((method === 'where' || method === 'andWhere' || method === 'whereIn') && ts.isCallExpression(unwrap(receiver))) {
    return { call: node, op: 'read', method, target: receiver.getText().slice(0, 40), filter: [...args] };
  }
  if (SQL_METHODS.has(method) && args.length > 0 && (receiverLooksLikeModel(receiver) || /^(db|pool|client|conn|connection|sql|database|sequelize|knex|tx|trx|mysql|pg)$/i.test(dottedName(receiver)?.pop() ?? ''))) {
    if ((method === 'get' || method === 'all' || method === 'run' || method === 'exec' || method === 'prepare') && !ts.isStringLiteralLike(unwrap(args[0])) && !ts.isTemplateExpression(unwrap(args[0])) && !ts.isBinaryExpression(unwrap(args[0])) && !ts.isIdentifier(unwrap(args[0]))) return undefined;
    return { call: node, op: 'query', method, target: dottedName(receiver)?.join('.') ?? receiver.getText().slice(0, 40), filter: [...args] };
  }
  return undefined;
}
