def __new__(mcls, name, bases, ns):
    print('Registry.__new__', name, len(bases), '__module__' in ns)
    ns['registered_name'] = name.lower()
    cls = super().__new__(mcls, name, bases, ns)
    Registry.classes.append(cls)
    return cls