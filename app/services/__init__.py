"""Use cases: the only place where workflows (the law) meet the database."""
