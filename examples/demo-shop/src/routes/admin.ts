import { Router } from 'express';
import { requireRole } from '../middleware/auth';
import { User } from '../models';

const admin = Router();

// Correct: only admins see the statistics.
admin.get('/stats', requireRole('admin'), async (_req, res) => {
  res.json({ users: await User.count() });
});

// Flaw (API5): authenticated, but any user may delete any account.
admin.delete('/users/:id', async (req, res) => {
  await User.destroy({ where: { id: req.params.id } });
  res.sendStatus(204);
});

export default admin;
