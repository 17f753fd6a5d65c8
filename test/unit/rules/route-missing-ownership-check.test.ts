import rule from '../../../server/src/engine/rules/code/route-missing-ownership-check';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

/** An app that authenticates every route (so only ownership is in question). */
const app = ts`
  import express from 'express';
  import { Order, prisma } from './models';
  const app = express();
  function requireAuth(req, res, next) {
    if (!req.user) return res.sendStatus(401);
    next();
  }
  app.use(requireAuth);
`;
const models = { 'models.ts': 'export declare const Order: any;\nexport declare const prisma: any;\n' };

ruleTester(rule, {
  valid: [
    {
      name: 'the owner is part of the query filter',
      files: models,
      code: app + ts`
        app.get('/orders/:id', async (req, res) => {
          res.json(await Order.findOne({ where: { id: req.params.id, userId: req.user.id } }));
        });
      `,
    },
    {
      name: 'the loaded record is compared with the caller',
      files: models,
      code: app + ts`
        app.delete('/orders/:id', async (req, res) => {
          const order = await Order.findByPk(req.params.id);
          if (!order || order.userId !== req.user.id) return res.sendStatus(404);
          await order.destroy();
          res.sendStatus(204);
        });
      `,
    },
    {
      name: 'the owner reaches the filter through locals and destructuring',
      files: models,
      code: app + ts`
        app.put('/orders/:orderId', async (req, res) => {
          const { orderId } = req.params;
          const owner = req.user._id;
          await Order.findOneAndUpdate({ _id: orderId, owner }, { note: String(req.body.note) });
          res.sendStatus(204);
        });
      `,
    },
    {
      name: 'a query through the user relation is scoped',
      files: models,
      code: app + ts`
        app.get('/orders/:id', async (req, res) => res.json(await req.user.getOrders({ where: { id: req.params.id } })));
      `,
    },
    {
      name: 'an admin check applies',
      files: models,
      code: app + ts`
        app.get('/orders/:id', async (req, res) => {
          if (req.user.role !== 'admin') return res.sendStatus(403);
          res.json(await Order.findByPk(req.params.id));
        });
      `,
    },
    {
      name: 'a service in another file receives the caller',
      files: {
        ...models,
        'orders-service.ts': ts`
          import { Order } from './models';
          export function orderFor(userId: string, id: string) {
            return Order.findOne({ where: { id, userId } });
          }
        `,
      },
      code: app + ts`
        import { orderFor } from './orders-service';
        app.get('/orders/:id', async (req, res) => res.json(await orderFor(req.user.id, req.params.id)));
      `,
    },
    {
      name: 'not a data access: a Map lookup',
      files: models,
      code: app + ts`
        const cache = new Map();
        app.get('/cache/:id', (req, res) => res.json(cache.get(req.params.id)));
      `,
    },
    {
      name: 'a route without authentication is left to route-without-authentication',
      files: models,
      code: ts`
        import express from 'express';
        import { Order } from './models';
        const app = express();
        app.get('/orders/:id', async (req, res) => res.json(await Order.findByPk(req.params.id)));
      `,
    },
    {
      name: 'an injected service we cannot read stays unknown',
      files: models,
      code: app + ts`
        declare const container: { get(name: string): any };
        const orders = container.get('orders');
        app.get('/orders/:id', async (req, res) => res.json(await orders.fetch(req.params.id)));
      `,
    },
  ],
  invalid: [
    {
      name: 'findByPk with the path id',
      files: models,
      code: app + ts`
        app.get('/orders/:id', async (req, res) => {
          const order = await Order.findByPk(req.params.id);
          res.json(order);
        });
      `,
      errors: [{
        messageId: 'unscoped',
        line: 10,
        text: 'Order.findByPk(req.params.id)',
        suggestions: [app + ts`
          app.get('/orders/:id', async (req, res) => {
            const order = await Order.findOne({ where: { id: req.params.id, userId: req.user.id } });
            res.json(order);
          });
        `],
      }],
    },
    {
      name: 'a destructured id into a Mongoose update',
      files: models,
      code: app + ts`
        app.patch('/orders/:orderId', async (req, res) => {
          const { orderId } = req.params;
          await Order.findByIdAndUpdate(orderId, { note: String(req.body.note) });
          res.sendStatus(204);
        });
      `,
      errors: [{ messageId: 'unscoped', line: 11, text: 'Order.findByIdAndUpdate(orderId, { note: String(req.body.note) })' }],
    },
    {
      name: 'Prisma: the suggestion adds the owner to the where clause',
      files: models,
      code: app + ts`
        app.delete('/orders/:id', async (req, res) => {
          await prisma.order.delete({ where: { id: Number(req.params.id) } });
          res.sendStatus(204);
        });
      `,
      errors: [{
        messageId: 'unscoped',
        line: 10,
        suggestions: [app + ts`
          app.delete('/orders/:id', async (req, res) => {
            await prisma.order.delete({ where: { id: Number(req.params.id), userId: req.user.id } });
            res.sendStatus(204);
          });
        `],
      }],
    },
    {
      name: 'the id flows into a service in another file (reported where the lookup is)',
      filename: 'orders-service.ts',
      code: ts`
        import { Order } from './models';
        export async function loadOrder(orderId: string) {
          return Order.findByPk(orderId);
        }
      `,
      files: {
        ...models,
        'app.ts': app + ts`
          import { loadOrder } from './orders-service';
          app.get('/orders/:id', async (req, res) => res.json(await loadOrder(req.params.id)));
        `,
      },
      errors: [{ messageId: 'unscoped', line: 3, text: 'Order.findByPk(orderId)' }],
    },
  ],
});
