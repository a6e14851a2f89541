"""Independent numerical checks of the Kloc et al. results, one module per chain module.

A check receives the result it checks and evaluates ``result.numpy_function``; the reference
numbers come from another route (explicit spin matrices from :func:`qutip.jmat`, numerical
diagonalisation, linear solves and finite differences of eigenvalues, quadrature).
"""
