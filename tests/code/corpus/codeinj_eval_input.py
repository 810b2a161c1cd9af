def calculator():
    expression = input("expression> ")
    print(eval(expression))
