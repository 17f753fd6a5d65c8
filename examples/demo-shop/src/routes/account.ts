import { Router } from 'express';
import { User } from '../models';

const router = Router();

// Flaw (mass assignment, and drift): the spec marks `role` readOnly and closes the body, but the
// whole body is written into the user record, so a client can send { "role": "admin" }.
router.patch('/', async (req, res) => {
  const user = await User.findByPk((req as any).user.id);
  if (!user) return res.sendStatus(404);
  await user.update(req.body);
  res.json(user);
});

export default router;
