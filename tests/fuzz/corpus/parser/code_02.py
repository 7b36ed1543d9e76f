def run(self, x):
    try:
        self.log.append('try')
        result = 10 // x
    except ZeroDivisionError:
        self.log.append('except')
        result = None
    finally:
        self.log.append('finally')
    return result