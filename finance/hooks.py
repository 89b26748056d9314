"""What finance reads from governance by late binding, registered in FinanceConfig.ready().

governance.selectors imports projects.selectors, which imports finance.selectors, so finance's selectors
cannot import governance.selectors at module level without an import cycle. Each hook holds exactly
one callable: governance's selector of the same name.
"""

from rsi_portal.registry import Hook

# () -> a subquery of the keys of the matters their body has approved (R23: a version above its frame counts).
approved_matters = Hook("approved matters")
# (matter) -> True once approved, False if rejected, None while it waits (R23: where a version stands).
matter_settled = Hook("matter settled")


def call(hook: Hook, *args):
    """Call the hook's one callable."""
    (func,) = tuple(hook)
    return func(*args)
