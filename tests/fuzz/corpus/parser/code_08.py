def __getattr__(name):
    renamed = compat.__dict__['_renamed']
    if name in renamed:
        print(f'{name} is deprecated, use {renamed[name]}')
        return getattr(compat, renamed[name])
    raise AttributeError(f"module 'compat' has no attribute {name!r}")