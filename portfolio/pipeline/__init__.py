"""R34/R40: the portfolio's front end (composition layer): ideas as one-page kommissorier, PMO5's
qualification, IT5's ranked pipeline, the strategy seminars, ØA marking, the regions' acquisition
notices, and RSI DK's strategy goals. The tables are in portfolio/models/pipeline.py and strategy.py.
"""
