package dev.tern.sint;

/**
 * One test method of the framework.
 *
 * @param testClass      the concrete test class the framework instantiates
 * @param declaringClass the class that declares the method, which the framework's
 *                       {@code disabledTests} option and results name; differs from
 *                       {@code testClass} for inherited methods
 * @param method         the method name
 * @param lowLevel       whether it extends {@code AbstractSmackLowLevelIntegrationTest}, so the
 *                       framework opens fresh connections with new accounts for it
 */
record SintTest(String testClass, String declaringClass, String method, boolean lowLevel)
        implements Comparable<SintTest> {

    /** Returns the framework's name of the method: declaring class and method, dot-separated. */
    String frameworkName() {
        return declaringClass + "." + method;
    }

    String simpleClassName() {
        return testClass.substring(testClass.lastIndexOf('.') + 1);
    }

    @Override
    public int compareTo(SintTest other) {
        int byClass = testClass.compareTo(other.testClass);
        return byClass != 0 ? byClass : method.compareTo(other.method);
    }
}
