/* t/unit/optim.c: one SGD-momentum and one Adam step against values
 * computed independently.
 * SPDX-License-Identifier: MIT
 *
 * The expected values were computed with python3, rounding after every
 * operation to binary32 (struct.pack('<f')), in the order documented in
 * ferrum-internal.h; for Adam, b^t is python's float power (double) rounded
 * once.  Each is printed with %.9g, which round-trips a float. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

int
main(void)
{
	static const float sgd_v[3] = { 0.390000015f, 0.519999981f, -2.5f };
	static const float sgd_p[3] = { 0.480500013f, -1.27600002f, 3.125f };
	static const float adam_m1[3] = { 0.0390000083f, 0.052000016f, -0.25000006f };
	static const float adam_m2[3] = { 0.00108899886f, 0.000889593619f, 0.00624991953f };
	static const float adam_p[3] = { 0.496719003f, -1.25285256f, 3.00444126f };
	static const float g[3] = { 0.3f, 0.7f, -2.5f };
	float p[3] = { 0.5f, -1.25f, 3.0f }, v[3] = { 0.1f, -0.2f, 0.0f };
	float m1[3] = { 0.01f, -0.02f, 0.0f }, m2[3] = { 0.001f, 0.0004f, 0.0f };
	fe_adam a;
	int i;

	plan_lazy();
	fe_sgd_momentum(3, p, v, g, 0.05f, 0.9f);
	for (i = 0; i < 3; i++) {
		is_double(v[i], sgd_v[i], 0, "sgd momentum: v[%d]", i);
		is_double(p[i], sgd_p[i], 0, "sgd momentum: p[%d]", i);
	}

	p[0] = 0.5f, p[1] = -1.25f, p[2] = 3.0f;
	a.lr = 0.01f;
	a.beta1 = 0.9f;
	a.beta2 = 0.999f;
	a.eps = 1e-8f;
	a.weight_decay = 0.1f;
	a.t = 2;
	fe_adam_step(&a, 3, p, m1, m2, g);
	for (i = 0; i < 3; i++) {
		is_double(m1[i], adam_m1[i], 0, "adam t=2: m1[%d]", i);
		is_double(m2[i], adam_m2[i], 0, "adam t=2: m2[%d]", i);
		is_double(p[i], adam_p[i], 0, "adam t=2: p[%d]", i);
	}
	return done_testing();
}
