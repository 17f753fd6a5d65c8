import { Router } from 'express';
import { Order } from '../models';

const router = Router();

// Correct: the query is scoped to the caller.
router.get('/', async (req, res) => {
  const orders = await Order.findAll({ where: { userId: (req as any).user.id } });
  res.json(orders);
});

// Flaw (BOLA): any authenticated user can read any order by guessing its id.
router.get('/:id', async (req, res) => {
  const order = await Order.findByPk(req.params.id);
  if (!order) return res.sendStatus(404);
  res.json(order);
});

// Deprecated in the spec, still served (a zombie kept "for old apps").
router.get('/:id/receipt', (req, res) => {
  res.redirect(301, `/api/orders/${encodeURIComponent(req.params.id)}`);
});

export default router;
