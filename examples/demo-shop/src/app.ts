import express from 'express';
import { requireAuth } from './middleware/auth';
import accountRouter from './routes/account';
import adminRouter from './routes/admin';
import ordersRouter from './routes/orders';
import { Coupon, Order } from './models';

const app = express();
app.use(express.json());

// Public by design (listed as public in the spec too).
app.get('/api/health', (_req, res) => res.json({ ok: true }));

// Public by design: the spec declares it `security: []`.
app.get('/api/coupons', async (_req, res) => {
  res.json(await Coupon.findAll());
});

// Flaw: registered before `app.use(requireAuth)`, so it runs without authentication
// (and the spec does not document it: a shadow endpoint).
app.get('/api/orders/export', async (_req, res) => {
  res.json(await Order.findAll({}));
});

app.use(requireAuth);

app.use('/api/orders', ordersRouter);
app.use('/api/admin', adminRouter);
app.use('/api/account', accountRouter);

app.listen(3000);
