d = {'a': 1}
d.setdefault('b', []).append(2)
d.get('z'), d.pop('a'), d, list(d.items())