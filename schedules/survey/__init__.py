"""The learners' first-week survey (seed 002): the instructor opens it, learners answer at
an unguessable address without an account, and the instructor reads the results."""
